using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PromptPayerIncentivesAndCheckoutReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "incentive_rule_id",
                table: "invoices",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incentive_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    min_on_time_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    lookback_months = table.Column<int>(type: "integer", nullable: false),
                    min_paid_invoices = table.Column<int>(type: "integer", nullable: false),
                    discount_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    discount_days = table.Column<int>(type: "integer", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incentive_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "portal_returns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    portal_link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    choice_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    reference_protected = table.Column<string>(type: "text", nullable: true),
                    token_protected = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portal_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_portal_returns_portal_links_portal_link_id",
                        column: x => x.portal_link_id,
                        principalTable: "portal_links",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_incentive_rule_id",
                table: "invoices",
                columns: new[] { "tenant_id", "incentive_rule_id" },
                filter: "incentive_rule_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_incentive_rules_tenant_id_active",
                table: "incentive_rules",
                columns: new[] { "tenant_id", "active" });

            migrationBuilder.CreateIndex(
                name: "ix_portal_returns_portal_link_id",
                table: "portal_returns",
                column: "portal_link_id");

            migrationBuilder.CreateIndex(
                name: "ix_portal_returns_tenant_id_portal_link_id_choice_hash",
                table: "portal_returns",
                columns: new[] { "tenant_id", "portal_link_id", "choice_hash" });

            migrationBuilder.CreateIndex(
                name: "ix_portal_returns_tenant_id_reference_hash",
                table: "portal_returns",
                columns: new[] { "tenant_id", "reference_hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incentive_rules");

            migrationBuilder.DropTable(
                name: "portal_returns");

            migrationBuilder.DropIndex(
                name: "ix_invoices_tenant_id_incentive_rule_id",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "incentive_rule_id",
                table: "invoices");
        }
    }
}
