using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenDisputedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_invoices_open_disputed",
                table: "invoices",
                columns: new[] { "tenant_id", "due_date" },
                filter: "balance > 0 AND disputed_amount > 0")
                .Annotation("Npgsql:IndexInclude", new[] { "id", "currency", "disputed_amount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_invoices_open_disputed",
                table: "invoices");
        }
    }
}
