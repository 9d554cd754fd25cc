using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class EverydayPagesOpenByCustomerIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_invoices_open_by_customer",
                table: "invoices",
                columns: new[] { "tenant_id", "customer_id" },
                filter: "balance > 0")
                .Annotation("Npgsql:IndexInclude", new[] { "due_date", "currency", "balance", "is_disputed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoices_open_by_customer",
                table: "invoices");
        }
    }
}
