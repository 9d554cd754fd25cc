using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class SmsChannelAndCallTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "outbox_messages",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Email");

            migrationBuilder.AddColumn<string>(
                name: "provider_message_id",
                table: "outbox_messages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "provider_status",
                table: "outbox_messages",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mobile",
                table: "contacts",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sms_consent_at",
                table: "contacts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sms_consent_source",
                table: "contacts",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sms_opted_out_at",
                table: "contacts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "wrong_number_at",
                table: "contacts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "call_outcome",
                table: "collection_tasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "call_script",
                table: "collection_tasks",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<List<Guid>>(
                name: "invoice_ids",
                table: "collection_tasks",
                type: "uuid[]",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sms_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    body = table.Column<string>(type: "character varying(1600)", maxLength: 1600, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sms_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_sms_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    auth_token_protected = table.Column<string>(type: "text", nullable: true),
                    from_number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    quiet_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    quiet_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_sms_settings", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_tenant_id_provider_message_id",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "provider_message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_contacts_tenant_id_mobile",
                table: "contacts",
                columns: new[] { "tenant_id", "mobile" });

            migrationBuilder.CreateIndex(
                name: "ix_sms_templates_tenant_id_tone_language",
                table: "sms_templates",
                columns: new[] { "tenant_id", "tone", "language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tenant_sms_settings_tenant_id",
                table: "tenant_sms_settings",
                column: "tenant_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sms_templates");

            migrationBuilder.DropTable(
                name: "tenant_sms_settings");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_tenant_id_provider_message_id",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_contacts_tenant_id_mobile",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "provider_message_id",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "provider_status",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "mobile",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sms_consent_at",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sms_consent_source",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "sms_opted_out_at",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "wrong_number_at",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "call_outcome",
                table: "collection_tasks");

            migrationBuilder.DropColumn(
                name: "call_script",
                table: "collection_tasks");

            migrationBuilder.DropColumn(
                name: "invoice_ids",
                table: "collection_tasks");
        }
    }
}
