using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ForecastLedgerVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_versions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_versions", x => x.tenant_id);
                });

            // Custom SQL: the triggers that raise a tenant's version in each writer's transaction (no backfill: a
            // tenant without a row is at version 0, and no process has cached a forecast against this table yet).
            migrationBuilder.Sql(ArCollect.Infrastructure.Forecasting.LedgerVersionSql.Install);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Custom SQL: the triggers write into the table dropped below, so they go first.
            migrationBuilder.Sql(ArCollect.Infrastructure.Forecasting.LedgerVersionSql.Uninstall);

            migrationBuilder.DropTable(
                name: "ledger_versions");
        }
    }
}
