using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerDepth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoice_lines_invoice_id",
                table: "invoice_lines");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "issued_at",
                table: "invoices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "invoices",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Issued");

            migrationBuilder.AddColumn<string>(
                name: "terms",
                table: "invoices",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "late_fee_period",
                table: "invoice_lines",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "balance",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                computedColumnSql: "CASE WHEN state = 'Issued' THEN total - amount_paid - amount_credited - amount_written_off ELSE 0 END",
                stored: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldComputedColumnSql: "total - amount_paid - amount_credited - amount_written_off",
                oldStored: true);

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    key_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "document_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    scope = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    last_value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_counters", x => new { x.tenant_id, x.scope });
                });

            migrationBuilder.CreateTable(
                name: "invoicing_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number_pattern = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    credit_note_pattern = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    late_fee_kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    late_fee_value = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    late_fee_grace_days = table.Column<int>(type: "integer", nullable: false),
                    late_fee_cap = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    company_details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    payment_instructions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_invoicing_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "write_offs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    written_off_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_write_offs", x => x.id);
                    table.ForeignKey(
                        name: "fk_write_offs_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_write_offs_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_invoices_tenant_id_updated_at",
                table: "invoices",
                columns: new[] { "tenant_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_invoice_id_late_fee_period",
                table: "invoice_lines",
                columns: new[] { "invoice_id", "late_fee_period" },
                unique: true,
                filter: "late_fee_period IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_tenant_id_key_hash",
                table: "api_keys",
                columns: new[] { "tenant_id", "key_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_write_offs_customer_id",
                table: "write_offs",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_write_offs_invoice_id",
                table: "write_offs",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_write_offs_tenant_id_invoice_id",
                table: "write_offs",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_write_offs_tenant_id_written_off_on",
                table: "write_offs",
                columns: new[] { "tenant_id", "written_off_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "document_counters");

            migrationBuilder.DropTable(
                name: "invoicing_settings");

            migrationBuilder.DropTable(
                name: "write_offs");

            migrationBuilder.DropIndex(
                name: "ix_invoices_tenant_id_updated_at",
                table: "invoices");

            migrationBuilder.DropIndex(
                name: "ix_invoice_lines_invoice_id_late_fee_period",
                table: "invoice_lines");

            migrationBuilder.DropColumn(
                name: "issued_at",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "state",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "terms",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "late_fee_period",
                table: "invoice_lines");

            migrationBuilder.AlterColumn<decimal>(
                name: "balance",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                computedColumnSql: "total - amount_paid - amount_credited - amount_written_off",
                stored: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldComputedColumnSql: "CASE WHEN state = 'Issued' THEN total - amount_paid - amount_credited - amount_written_off ELSE 0 END",
                oldStored: true);

            migrationBuilder.CreateIndex(
                name: "ix_invoice_lines_invoice_id",
                table: "invoice_lines",
                column: "invoice_id");
        }
    }
}
