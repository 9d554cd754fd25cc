using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortalPaymentPlansAndCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "plan_eligible_bands",
                table: "portal_settings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "plan_grace_days",
                table: "portal_settings",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "plan_max_instalments",
                table: "portal_settings",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.AddColumn<int>(
                name: "promise_grace_days",
                table: "portal_settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "require_one_time_code",
                table: "portal_settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "payment_plan_currency_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    min_instalment = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    max_balance = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_plan_currency_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "payment_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    instalment_count = table.Column<int>(type: "integer", nullable: false),
                    first_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    outside_rules = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    active_from = table.Column<DateOnly>(type: "date", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_plans_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "portal_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    portal_link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    code_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portal_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_portal_codes_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_portal_codes_portal_links_portal_link_id",
                        column: x => x.portal_link_id,
                        principalTable: "portal_links",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_plan_instalments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_plan_instalments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_plan_instalments_payment_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "payment_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_plan_invoices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    balance_at_start = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_plan_invoices", x => x.id);
                    table.ForeignKey(
                        name: "fk_payment_plan_invoices_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_payment_plan_invoices_payment_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "payment_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_currency_rules_tenant_id_currency",
                table: "payment_plan_currency_rules",
                columns: new[] { "tenant_id", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_instalments_plan_id",
                table: "payment_plan_instalments",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_instalments_tenant_id_plan_id_number",
                table: "payment_plan_instalments",
                columns: new[] { "tenant_id", "plan_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_invoices_invoice_id",
                table: "payment_plan_invoices",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_invoices_plan_id",
                table: "payment_plan_invoices",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_invoices_tenant_id_invoice_id",
                table: "payment_plan_invoices",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_plan_invoices_tenant_id_plan_id_invoice_id",
                table: "payment_plan_invoices",
                columns: new[] { "tenant_id", "plan_id", "invoice_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_payment_plans_customer_id",
                table: "payment_plans",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_payment_plans_tenant_id_customer_id_status",
                table: "payment_plans",
                columns: new[] { "tenant_id", "customer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_plans_tenant_id_status",
                table: "payment_plans",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_portal_codes_customer_id",
                table: "portal_codes",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_portal_codes_portal_link_id",
                table: "portal_codes",
                column: "portal_link_id");

            migrationBuilder.CreateIndex(
                name: "ix_portal_codes_tenant_id_portal_link_id_purpose_created_at",
                table: "portal_codes",
                columns: new[] { "tenant_id", "portal_link_id", "purpose", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_plan_currency_rules");

            migrationBuilder.DropTable(
                name: "payment_plan_instalments");

            migrationBuilder.DropTable(
                name: "payment_plan_invoices");

            migrationBuilder.DropTable(
                name: "portal_codes");

            migrationBuilder.DropTable(
                name: "payment_plans");

            migrationBuilder.DropColumn(
                name: "plan_eligible_bands",
                table: "portal_settings");

            migrationBuilder.DropColumn(
                name: "plan_grace_days",
                table: "portal_settings");

            migrationBuilder.DropColumn(
                name: "plan_max_instalments",
                table: "portal_settings");

            migrationBuilder.DropColumn(
                name: "promise_grace_days",
                table: "portal_settings");

            migrationBuilder.DropColumn(
                name: "require_one_time_code",
                table: "portal_settings");
        }
    }
}
