using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ForecastAccuracyReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forecast_accuracy_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    computed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_accuracy_reports", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_forecast_accuracy_reports_tenant_id",
                table: "forecast_accuracy_reports",
                column: "tenant_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forecast_accuracy_reports");
        }
    }
}
