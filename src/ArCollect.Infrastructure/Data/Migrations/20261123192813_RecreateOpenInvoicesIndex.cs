using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecreateOpenInvoicesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Making invoices.balance state-aware re-creates the generated column, which drops every index that
            // mentions it; EF does not know, as the index itself did not change in the model.
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_invoices_open_by_due_date ON invoices (tenant_id, due_date) WHERE balance > 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
