using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardsAndForecasting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_states",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_over = table.Column<bool>(type: "boolean", nullable: false),
                    crossings = table.Column<int>(type: "integer", nullable: false),
                    last_crossed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    last_cleared_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_states", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_states_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dashboard_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    aging_edges = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    collection_rate_target_percent = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    key_account_aging_days = table.Column<int>(type: "integer", nullable: false),
                    forecast_variance_threshold_percent = table.Column<decimal>(type: "numeric(7,2)", precision: 7, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dashboard_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    rate_to_base = table.Column<decimal>(type: "numeric(18,8)", precision: 18, scale: 8, nullable: false),
                    rate_date = table.Column<DateOnly>(type: "date", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rates", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forecast_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    expected = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    low = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    high = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    made_on = table.Column<DateOnly>(type: "date", nullable: false),
                    shortfall_alerted_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_snapshots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_states_customer_id",
                table: "alert_states",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_states_tenant_id_kind_customer_id",
                table: "alert_states",
                columns: new[] { "tenant_id", "kind", "customer_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dashboard_settings_tenant_id",
                table: "dashboard_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exchange_rates_tenant_id_currency_rate_date",
                table: "exchange_rates",
                columns: new[] { "tenant_id", "currency", "rate_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_forecast_snapshots_tenant_id_week_start",
                table: "forecast_snapshots",
                columns: new[] { "tenant_id", "week_start" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_states");

            migrationBuilder.DropTable(
                name: "dashboard_settings");

            migrationBuilder.DropTable(
                name: "exchange_rates");

            migrationBuilder.DropTable(
                name: "forecast_snapshots");
        }
    }
}
