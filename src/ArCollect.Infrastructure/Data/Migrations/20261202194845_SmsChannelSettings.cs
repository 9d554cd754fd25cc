using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class SmsChannelSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "auth_token_hint",
                table: "tenant_sms_settings",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "enabled",
                table: "tenant_sms_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "messaging_service_sid",
                table: "tenant_sms_settings",
                type: "character varying(34)",
                maxLength: 34,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "auth_token_hint",
                table: "tenant_sms_settings");

            migrationBuilder.DropColumn(
                name: "enabled",
                table: "tenant_sms_settings");

            migrationBuilder.DropColumn(
                name: "messaging_service_sid",
                table: "tenant_sms_settings");
        }
    }
}
