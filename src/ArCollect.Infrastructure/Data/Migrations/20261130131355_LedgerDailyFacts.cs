using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerDailyFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_daily_facts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    due_day = table.Column<DateOnly>(type: "date", nullable: false),
                    sales = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    cash = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    credits = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    write_offs = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    settled_count = table.Column<int>(type: "integer", nullable: false),
                    settled_days = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_daily_facts", x => new { x.tenant_id, x.currency, x.day, x.due_day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_settled_on",
                table: "invoices",
                columns: new[] { "tenant_id", "settled_on" },
                filter: "settled_on IS NOT NULL");

            // The statement-level triggers that keep the facts in step with every write, and the backfill, are
            // installed by the LedgerIntegrity migration: their SQL reads columns that migration adds, and a database
            // migrated in one go is backfilled once, at the end.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ArCollect.Infrastructure.Dashboards.LedgerFactsSql.Uninstall);
            migrationBuilder.DropTable(
                name: "ledger_daily_facts");

            migrationBuilder.DropIndex(
                name: "ix_invoices_settled_on",
                table: "invoices");
        }
    }
}
