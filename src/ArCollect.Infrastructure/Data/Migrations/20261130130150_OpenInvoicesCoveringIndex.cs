using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenInvoicesCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoices_open_by_due_date",
                table: "invoices");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_open_by_due_date",
                table: "invoices",
                columns: new[] { "tenant_id", "due_date" },
                filter: "balance > 0")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "customer_id", "currency", "balance", "issue_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoices_open_by_due_date",
                table: "invoices");

            migrationBuilder.CreateIndex(
                name: "ix_invoices_open_by_due_date",
                table: "invoices",
                columns: new[] { "tenant_id", "due_date" },
                filter: "balance > 0");
        }
    }
}
