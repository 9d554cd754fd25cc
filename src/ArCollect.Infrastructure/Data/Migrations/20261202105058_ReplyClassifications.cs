using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReplyClassifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reply_classifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    inbound_message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    intent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    intent_confidence = table.Column<float>(type: "real", nullable: false),
                    tone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    tone_confidence = table.Column<float>(type: "real", nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    stripped_text = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: true),
                    promised_date = table.Column<DateOnly>(type: "date", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    invoice_numbers = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    payment_references = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    suggested_action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    dispute_reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    needs_acknowledgement = table.Column<bool>(type: "boolean", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    classified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reply_classifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_reply_classifications_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reply_classifications_inbound_messages_inbound_message_id",
                        column: x => x.inbound_message_id,
                        principalTable: "inbound_messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reply_classifications_customer_id",
                table: "reply_classifications",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_reply_classifications_inbound_message_id",
                table: "reply_classifications",
                column: "inbound_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_reply_classifications_tenant_id_customer_id_needs_acknowled",
                table: "reply_classifications",
                columns: new[] { "tenant_id", "customer_id", "needs_acknowledgement" });

            migrationBuilder.CreateIndex(
                name: "ix_reply_classifications_tenant_id_inbound_message_id",
                table: "reply_classifications",
                columns: new[] { "tenant_id", "inbound_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reply_classifications_tenant_id_status_classified_at",
                table: "reply_classifications",
                columns: new[] { "tenant_id", "status", "classified_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reply_classifications");
        }
    }
}
