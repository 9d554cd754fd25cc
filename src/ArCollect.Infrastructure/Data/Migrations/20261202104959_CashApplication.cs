using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CashApplication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cash_application_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    auto_apply_threshold = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    amount_tolerance = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cash_application_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "payer_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    applications = table.Column<int>(type: "integer", nullable: false),
                    learned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payer_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bank_statements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    statement_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    lines = table.Column<int>(type: "integer", nullable: false),
                    new_lines = table.Column<int>(type: "integer", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    imported_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_statements", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_statements_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_statement_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entry_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    booking_date = table.Column<DateOnly>(type: "date", nullable: false),
                    value_date = table.Column<DateOnly>(type: "date", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    direction = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    payer_iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    remittance = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    bank_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    applied_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    confidence = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_entries", x => x.id);
                    table.CheckConstraint("ck_bank_entries_amount_positive", "amount > 0");
                    table.ForeignKey(
                        name: "fk_bank_entries_bank_accounts_bank_account_id",
                        column: x => x.bank_account_id,
                        principalTable: "bank_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_entries_bank_statements_bank_statement_id",
                        column: x => x.bank_statement_id,
                        principalTable: "bank_statements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_tenant_id_iban",
                table: "bank_accounts",
                columns: new[] { "tenant_id", "iban" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_entries_bank_account_id",
                table: "bank_entries",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_entries_bank_statement_id",
                table: "bank_entries",
                column: "bank_statement_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_entries_tenant_id_bank_account_id_entry_key",
                table: "bank_entries",
                columns: new[] { "tenant_id", "bank_account_id", "entry_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_entries_tenant_id_payment_id",
                table: "bank_entries",
                columns: new[] { "tenant_id", "payment_id" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_entries_tenant_id_status_booking_date",
                table: "bank_entries",
                columns: new[] { "tenant_id", "status", "booking_date" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_statements_bank_account_id",
                table: "bank_statements",
                column: "bank_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_statements_tenant_id_bank_account_id_imported_at",
                table: "bank_statements",
                columns: new[] { "tenant_id", "bank_account_id", "imported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payer_accounts_tenant_id_customer_id",
                table: "payer_accounts",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payer_accounts_tenant_id_iban",
                table: "payer_accounts",
                columns: new[] { "tenant_id", "iban" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_entries");

            migrationBuilder.DropTable(
                name: "cash_application_settings");

            migrationBuilder.DropTable(
                name: "payer_accounts");

            migrationBuilder.DropTable(
                name: "bank_statements");

            migrationBuilder.DropTable(
                name: "bank_accounts");
        }
    }
}
