using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortalCardPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "card_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    checkout_session_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    payment_intent_id = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    fee = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    fee_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_card_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_card_payments_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_card_payments_payments_payment_id",
                        column: x => x.payment_id,
                        principalTable: "payments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stripe_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    secret_key_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    webhook_secret_protected = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    secret_key_hint = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_card_payments_customer_id",
                table: "card_payments",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_card_payments_payment_id",
                table: "card_payments",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_card_payments_tenant_id_checkout_session_id",
                table: "card_payments",
                columns: new[] { "tenant_id", "checkout_session_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_card_payments_tenant_id_customer_id",
                table: "card_payments",
                columns: new[] { "tenant_id", "customer_id" });

            migrationBuilder.CreateIndex(
                name: "ix_card_payments_tenant_id_event_id",
                table: "card_payments",
                columns: new[] { "tenant_id", "event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_card_payments_tenant_id_payment_intent_id",
                table: "card_payments",
                columns: new[] { "tenant_id", "payment_intent_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "card_payments");

            migrationBuilder.DropTable(
                name: "stripe_settings");
        }
    }
}
