using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CashApplicationSettingsLeadAndCurrencyTolerances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "lead",
                table: "cash_application_settings",
                type: "numeric(5,4)",
                precision: 5,
                scale: 4,
                nullable: false,
                defaultValue: 0.10m);

            migrationBuilder.CreateTable(
                name: "cash_currency_tolerances",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cash_currency_tolerances", x => new { x.tenant_id, x.currency });
                    table.CheckConstraint("ck_cash_currency_tolerances_amount", "amount >= 0");
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_cash_application_settings_ranges",
                table: "cash_application_settings",
                sql: "auto_apply_threshold BETWEEN 0 AND 1 AND lead BETWEEN 0 AND 1 AND amount_tolerance >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cash_currency_tolerances");

            migrationBuilder.DropCheckConstraint(
                name: "ck_cash_application_settings_ranges",
                table: "cash_application_settings");

            migrationBuilder.DropColumn(
                name: "lead",
                table: "cash_application_settings");
        }
    }
}
