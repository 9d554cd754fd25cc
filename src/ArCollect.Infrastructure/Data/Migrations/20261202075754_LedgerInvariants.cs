using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerInvariants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "early_payment_tolerance",
                table: "invoicing_settings",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "tax_amount",
                table: "credit_notes",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddCheckConstraint(
                name: "ck_write_offs_amount_positive",
                table: "write_offs",
                sql: "amount > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payments_unapplied_within_amount",
                table: "payments",
                sql: "amount > 0 AND unapplied_amount >= 0 AND unapplied_amount <= amount");

            migrationBuilder.AddCheckConstraint(
                name: "ck_payment_allocations_amount_positive",
                table: "payment_allocations",
                sql: "amount > 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_amounts_not_negative",
                table: "invoices",
                sql: "amount_paid >= 0 AND amount_credited >= 0 AND amount_written_off >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_invoices_balance_within_total",
                table: "invoices",
                sql: "balance >= 0 AND (state <> 'Issued' OR balance <= total)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_credit_notes_amount_positive",
                table: "credit_notes",
                sql: "amount > 0");

            // Custom SQL (ledger invariants): first give written-off amounts without a write-off record theirs (demo
            // ledgers seeded before the demo kept them), tenant by tenant; then install the deferred constraint
            // triggers that hold paid = allocations, credited = credit notes, written off = write-offs and
            // payment = allocations + unapplied from now on.
            migrationBuilder.Sql(ArCollect.Infrastructure.Ledger.LedgerConstraintsSql.BackfillWriteOffs);
            migrationBuilder.Sql(ArCollect.Infrastructure.Ledger.LedgerConstraintsSql.Install);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Custom SQL (ledger invariants): the triggers and their functions; backfilled write-offs stay.
            migrationBuilder.Sql(ArCollect.Infrastructure.Ledger.LedgerConstraintsSql.Uninstall);

            migrationBuilder.DropCheckConstraint(
                name: "ck_write_offs_amount_positive",
                table: "write_offs");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payments_unapplied_within_amount",
                table: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_payment_allocations_amount_positive",
                table: "payment_allocations");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_amounts_not_negative",
                table: "invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_invoices_balance_within_total",
                table: "invoices");

            migrationBuilder.DropCheckConstraint(
                name: "ck_credit_notes_amount_positive",
                table: "credit_notes");

            migrationBuilder.DropColumn(
                name: "early_payment_tolerance",
                table: "invoicing_settings");

            migrationBuilder.DropColumn(
                name: "tax_amount",
                table: "credit_notes");
        }
    }
}
