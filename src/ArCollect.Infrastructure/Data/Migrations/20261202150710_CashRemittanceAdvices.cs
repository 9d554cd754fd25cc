using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class CashRemittanceAdvices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "remittance_advices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    advice_date = table.Column<DateOnly>(type: "date", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    sent_by = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    bank_entry_id = table.Column<Guid>(type: "uuid", nullable: true),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_remittance_advices", x => x.id);
                    table.CheckConstraint("ck_remittance_advices_total_positive", "total > 0");
                    table.ForeignKey(
                        name: "fk_remittance_advices_bank_entries_bank_entry_id",
                        column: x => x.bank_entry_id,
                        principalTable: "bank_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_remittance_advices_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "remittance_advice_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    advice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    invoice_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_remittance_advice_lines", x => x.id);
                    table.CheckConstraint("ck_remittance_advice_lines_amount_positive", "amount > 0");
                    table.ForeignKey(
                        name: "fk_remittance_advice_lines_remittance_advices_advice_id",
                        column: x => x.advice_id,
                        principalTable: "remittance_advices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advice_lines_advice_id",
                table: "remittance_advice_lines",
                column: "advice_id");

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advice_lines_tenant_id_advice_id_position",
                table: "remittance_advice_lines",
                columns: new[] { "tenant_id", "advice_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advices_bank_entry_id",
                table: "remittance_advices",
                column: "bank_entry_id");

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advices_customer_id",
                table: "remittance_advices",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advices_tenant_id_bank_entry_id",
                table: "remittance_advices",
                columns: new[] { "tenant_id", "bank_entry_id" });

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advices_tenant_id_source_key",
                table: "remittance_advices",
                columns: new[] { "tenant_id", "source_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_remittance_advices_tenant_id_status_customer_id",
                table: "remittance_advices",
                columns: new[] { "tenant_id", "status", "customer_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "remittance_advice_lines");

            migrationBuilder.DropTable(
                name: "remittance_advices");
        }
    }
}
