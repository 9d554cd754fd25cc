using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CollectionsAutomation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "on_credit_hold",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "reminder_policy_id",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "snoozed_until",
                table: "customers",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "collection_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignee = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    assigned_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    source_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_tasks_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "escalation_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    threshold = table.Column<int>(type: "integer", nullable: false),
                    assignee = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reply_to_outbox_id = table.Column<Guid>(type: "uuid", nullable: true),
                    message_id = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    is_auto_reply = table.Column<bool>(type: "boolean", nullable: false),
                    is_read = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "message_templates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_templates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "promises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    promised_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_promises", x => x.id);
                    table.ForeignKey(
                        name: "fk_promises_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_promises_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reminder_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenant_mail_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    smtp_host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    smtp_port = table.Column<int>(type: "integer", nullable: false),
                    smtp_security = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    smtp_username = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    smtp_password_protected = table.Column<string>(type: "text", nullable: true),
                    from_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    reply_to_address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    imap_host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    imap_port = table.Column<int>(type: "integer", nullable: false),
                    imap_security = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    imap_username = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    imap_password_protected = table.Column<string>(type: "text", nullable: true),
                    imap_last_uid = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenant_mail_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reminder_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offset_days = table.Column<int>(type: "integer", nullable: false),
                    tone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    actions = table.Column<int>(type: "integer", maxLength: 40, nullable: false),
                    min_overdue_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    segment = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    risk_band = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_reminder_steps_reminder_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "reminder_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminder_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outbox_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    tone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    run_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_reminder_log_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reminder_log_reminder_steps_step_id",
                        column: x => x.step_id,
                        principalTable: "reminder_steps",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_reminder_policy_id",
                table: "customers",
                column: "reminder_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_tasks_customer_id",
                table: "collection_tasks",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_tasks_tenant_id_customer_id",
                table: "collection_tasks",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_collection_tasks_tenant_id_source_key",
                table: "collection_tasks",
                columns: new[] { "tenant_id", "source_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collection_tasks_tenant_id_status_due_on",
                table: "collection_tasks",
                columns: new[] { "tenant_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_rules_tenant_id",
                table: "escalation_rules",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_inbound_messages_tenant_id_customer_id_received_at",
                table: "inbound_messages",
                columns: new[] { "tenant_id", "customer_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_messages_tenant_id_message_id",
                table: "inbound_messages",
                columns: new[] { "tenant_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_message_templates_tenant_id_tone_language",
                table: "message_templates",
                columns: new[] { "tenant_id", "tone", "language" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_promises_customer_id",
                table: "promises",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_promises_invoice_id",
                table: "promises",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_promises_tenant_id_customer_id_status",
                table: "promises",
                columns: new[] { "tenant_id", "customer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_log_invoice_id",
                table: "reminder_log",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_log_step_id",
                table: "reminder_log",
                column: "step_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_log_tenant_id_customer_id_run_date",
                table: "reminder_log",
                columns: new[] { "tenant_id", "customer_id", "run_date" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_log_tenant_id_invoice_id_step_id",
                table: "reminder_log",
                columns: new[] { "tenant_id", "invoice_id", "step_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_policies_one_default",
                table: "reminder_policies",
                column: "tenant_id",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_policies_tenant_id_name",
                table: "reminder_policies",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_steps_policy_id",
                table: "reminder_steps",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_reminder_steps_tenant_id_policy_id_offset_days",
                table: "reminder_steps",
                columns: new[] { "tenant_id", "policy_id", "offset_days" });

            migrationBuilder.CreateIndex(
                name: "ix_tenant_mail_settings_tenant_id",
                table: "tenant_mail_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_customers_reminder_policies_reminder_policy_id",
                table: "customers",
                column: "reminder_policy_id",
                principalTable: "reminder_policies",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_customers_reminder_policies_reminder_policy_id",
                table: "customers");

            migrationBuilder.DropTable(
                name: "collection_tasks");

            migrationBuilder.DropTable(
                name: "escalation_rules");

            migrationBuilder.DropTable(
                name: "inbound_messages");

            migrationBuilder.DropTable(
                name: "message_templates");

            migrationBuilder.DropTable(
                name: "promises");

            migrationBuilder.DropTable(
                name: "reminder_log");

            migrationBuilder.DropTable(
                name: "tenant_mail_settings");

            migrationBuilder.DropTable(
                name: "reminder_steps");

            migrationBuilder.DropTable(
                name: "reminder_policies");

            migrationBuilder.DropIndex(
                name: "ix_customers_reminder_policy_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "on_credit_hold",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "reminder_policy_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "snoozed_until",
                table: "customers");
        }
    }
}
