using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_payment_allocations_payments_payment_id",
                table: "payment_allocations");

            migrationBuilder.AddColumn<string>(
                name: "bank_transaction_id",
                table: "payments",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "late_fees",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "rebill_of_id",
                table: "invoices",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "charged_on",
                table: "invoice_lines",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "currency_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    write_off_limit = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    late_fee_flat = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    late_fee_cap = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_currency_settings", x => new { x.tenant_id, x.currency });
                    table.CheckConstraint("ck_currency_settings_amounts_positive", "(write_off_limit IS NULL OR write_off_limit >= 0) AND (late_fee_flat IS NULL OR late_fee_flat > 0) AND (late_fee_cap IS NULL OR late_fee_cap > 0)");
                });

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    request_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    response_body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_keys", x => new { x.tenant_id, x.key });
                });

            migrationBuilder.CreateTable(
                name: "write_off_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    write_off_on = table.Column<DateOnly>(type: "date", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    write_off_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_write_off_requests", x => x.id);
                    table.CheckConstraint("ck_write_off_requests_amount_positive", "amount > 0");
                    table.ForeignKey(
                        name: "fk_write_off_requests_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_write_off_requests_write_offs_write_off_id",
                        column: x => x.write_off_id,
                        principalTable: "write_offs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_tenant_id_bank_transaction_id",
                table: "payments",
                columns: new[] { "tenant_id", "bank_transaction_id" },
                unique: true,
                filter: "bank_transaction_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_rebill_of_id",
                table: "invoices",
                column: "rebill_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_rebill_of_id",
                table: "invoices",
                columns: new[] { "tenant_id", "rebill_of_id" },
                filter: "rebill_of_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_idempotency_keys_tenant_id_created_at",
                table: "idempotency_keys",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_write_off_requests_invoice_id",
                table: "write_off_requests",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_write_off_requests_tenant_id_invoice_id",
                table: "write_off_requests",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_write_off_requests_tenant_id_status_requested_at",
                table: "write_off_requests",
                columns: new[] { "tenant_id", "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_write_off_requests_write_off_id",
                table: "write_off_requests",
                column: "write_off_id");

            migrationBuilder.AddForeignKey(
                name: "fk_invoices_invoices_rebill_of_id",
                table: "invoices",
                column: "rebill_of_id",
                principalTable: "invoices",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_payment_allocations_payments_payment_id",
                table: "payment_allocations",
                column: "payment_id",
                principalTable: "payments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // Custom SQL (daily facts): late fees and write-offs are booked on their own day, with triggers on
            // invoice_lines and write_offs; existing fee lines get their day and invoices their late-fee sum; then the
            // facts are rebuilt tenant by tenant with the tenant set (works for an owner without BYPASSRLS).
            migrationBuilder.Sql(ArCollect.Infrastructure.Dashboards.LedgerFactsSql.Install);
            migrationBuilder.Sql(ArCollect.Infrastructure.Dashboards.LedgerFactsSql.BackfillLateFees);
            migrationBuilder.Sql(ArCollect.Infrastructure.Dashboards.LedgerFactsSql.RebuildAll);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Custom SQL (daily facts): the triggers read the columns dropped below, so they go first; migrating up
            // again installs them and rebuilds the facts.
            migrationBuilder.Sql(ArCollect.Infrastructure.Dashboards.LedgerFactsSql.Uninstall);

            migrationBuilder.DropForeignKey(
                name: "fk_invoices_invoices_rebill_of_id",
                table: "invoices");

            migrationBuilder.DropForeignKey(
                name: "fk_payment_allocations_payments_payment_id",
                table: "payment_allocations");

            migrationBuilder.DropTable(
                name: "currency_settings");

            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "write_off_requests");

            migrationBuilder.DropIndex(
                name: "ix_payments_tenant_id_bank_transaction_id",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "ix_invoices_rebill_of_id",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoices_tenant_id_rebill_of_id",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "bank_transaction_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "late_fees",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "rebill_of_id",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "charged_on",
                table: "invoice_lines");

            migrationBuilder.AddForeignKey(
                name: "fk_payment_allocations_payments_payment_id",
                table: "payment_allocations",
                column: "payment_id",
                principalTable: "payments",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
