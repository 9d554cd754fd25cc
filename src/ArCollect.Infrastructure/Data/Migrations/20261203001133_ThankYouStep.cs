using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThankYouStep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "thank_you_actions",
                table: "reminder_policies",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateTable(
                name: "thank_you_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outbox_message_id = table.Column<Guid>(type: "uuid", nullable: true),
                    run_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_thank_you_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_thank_you_log_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_thank_you_log_invoice_id",
                table: "thank_you_log",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_thank_you_log_tenant_id_customer_id_run_date",
                table: "thank_you_log",
                columns: new[] { "tenant_id", "customer_id", "run_date" });

            migrationBuilder.CreateIndex(
                name: "ix_thank_you_log_tenant_id_invoice_id",
                table: "thank_you_log",
                columns: new[] { "tenant_id", "invoice_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "thank_you_log");

            migrationBuilder.DropColumn(
                name: "thank_you_actions",
                table: "reminder_policies");
        }
    }
}
