using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class RiskModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_scores",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    probability_late = table.Column<double>(type: "double precision", nullable: false),
                    expected_days_late = table.Column<double>(type: "double precision", nullable: false),
                    band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    open_invoices = table.Column<int>(type: "integer", nullable: false),
                    reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    predictor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    model_version = table.Column<int>(type: "integer", nullable: false),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_scores", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "invoice_scores",
                columns: table => new
                {
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    probability_late = table.Column<double>(type: "double precision", nullable: false),
                    expected_days_late = table.Column<double>(type: "double precision", nullable: false),
                    predicted_pay_date = table.Column<DateOnly>(type: "date", nullable: false),
                    band = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    predictor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    model_version = table.Column<int>(type: "integer", nullable: false),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoice_scores", x => x.invoice_id);
                });

            migrationBuilder.CreateTable(
                name: "risk_models",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    trained_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    predictor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    rows_used = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    metrics_json = table.Column<string>(type: "jsonb", nullable: false),
                    classifier_bytes = table.Column<byte[]>(type: "bytea", nullable: true),
                    regressor_bytes = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_models", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_models_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    grace_days = table.Column<int>(type: "integer", nullable: false),
                    medium_from = table.Column<double>(type: "double precision", nullable: false),
                    high_from = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_settings", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_risk_settings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_scores_tenant_id",
                table: "customer_scores",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoice_scores_tenant_id_customer_id",
                table: "invoice_scores",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_models_tenant_id_active",
                table: "risk_models",
                column: "tenant_id",
                unique: true,
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_risk_models_tenant_id_version",
                table: "risk_models",
                columns: new[] { "tenant_id", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_scores");

            migrationBuilder.DropTable(
                name: "invoice_scores");

            migrationBuilder.DropTable(
                name: "risk_models");

            migrationBuilder.DropTable(
                name: "risk_settings");
        }
    }
}
