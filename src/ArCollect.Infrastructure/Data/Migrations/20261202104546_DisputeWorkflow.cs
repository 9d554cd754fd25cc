using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ArCollect.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisputeWorkflow : Migration
    {
        /// <summary>
        /// Old statuses become the new lifecycle (ResolvedCreditNote, ResolvedRebill and Rejected are Resolved with that
        /// outcome), reasons become reason codes, each dispute covers its invoice with its amount, and open disputes'
        /// amounts become the invoices' disputed amounts. Tenant by tenant, so row-level security lets the owner write.
        /// </summary>
        /// <summary>Back to the old statuses: live ones are Open, resolved ones their outcome, withdrawn and written off Rejected.</summary>
        private const string MapBackDisputes = """
            DO $do$
            DECLARE
              t record;
            BEGIN
              FOR t IN SELECT id FROM tenants ORDER BY id LOOP
                PERFORM set_config('app.tenant_id', t.id::text, true);
                UPDATE disputes SET status = CASE
                    WHEN status IN ('Open', 'InReview', 'WaitingOnCustomer') THEN 'Open'
                    WHEN outcome = 'CreditNote' THEN 'ResolvedCreditNote'
                    WHEN outcome = 'Rebill' THEN 'ResolvedRebill'
                    ELSE 'Rejected' END
                WHERE tenant_id = t.id;
              END LOOP;
              PERFORM set_config('app.tenant_id', '', true);
            END $do$;
            """;

        /// <summary>
        /// The texts of the invoice lines a dispute covers (its lines, the whole invoices of its items without a line, or
        /// its own invoice when it has no items), late-fee lines left out. Runs as the caller, so row-level security applies.
        /// </summary>
        private const string LineTextsFunction = """
            CREATE OR REPLACE FUNCTION dispute_line_texts(p_dispute uuid, p_invoice uuid) RETURNS text[]
            LANGUAGE sql STABLE AS $fn$
              SELECT coalesce(array_agg(DISTINCT x.description), ARRAY[]::text[]) FROM (
                SELECT l.description FROM dispute_items i JOIN invoice_lines l ON l.id = i.invoice_line_id
                WHERE i.dispute_id = p_dispute AND l.late_fee_period IS NULL
                UNION ALL
                SELECT l.description FROM dispute_items i JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.invoice_id
                WHERE i.dispute_id = p_dispute AND i.invoice_line_id IS NULL AND l.late_fee_period IS NULL
                UNION ALL
                SELECT l.description FROM invoice_lines l
                WHERE l.invoice_id = p_invoice AND l.late_fee_period IS NULL
                  AND NOT EXISTS (SELECT 1 FROM dispute_items i WHERE i.dispute_id = p_dispute)
              ) x
            $fn$;
            """;

        private const string MapExistingDisputes = """
            DO $do$
            DECLARE
              t record;
            BEGIN
              FOR t IN SELECT id FROM tenants ORDER BY id LOOP
                PERFORM set_config('app.tenant_id', t.id::text, true);
                UPDATE disputes SET
                  outcome = CASE status WHEN 'ResolvedCreditNote' THEN 'CreditNote' WHEN 'ResolvedRebill' THEN 'Rebill' ELSE 'Rejected' END,
                  status = 'Resolved'
                WHERE tenant_id = t.id AND status IN ('ResolvedCreditNote', 'ResolvedRebill', 'Rejected');
                UPDATE disputes SET reason_code = CASE reason
                    WHEN 'PricingError' THEN 'pricing' WHEN 'QuantityMismatch' THEN 'quantity' WHEN 'DamagedGoods' THEN 'damaged-goods'
                    WHEN 'NotReceived' THEN 'not-received' WHEN 'DuplicateBilling' THEN 'duplicate-billing'
                    WHEN 'ServiceQuality' THEN 'service-quality' ELSE 'other' END,
                  opened_at = opened_on::timestamp AT TIME ZONE 'UTC',
                  resolved_at = CASE WHEN resolved_on IS NULL THEN NULL ELSE resolved_on::timestamp AT TIME ZONE 'UTC' END
                WHERE tenant_id = t.id;
                UPDATE disputes d SET currency = i.currency FROM invoices i WHERE i.id = d.invoice_id AND d.tenant_id = t.id;
                INSERT INTO dispute_items (id, tenant_id, dispute_id, invoice_id, invoice_line_id, amount)
                SELECT gen_random_uuid(), tenant_id, id, invoice_id, NULL, amount FROM disputes WHERE tenant_id = t.id;
                UPDATE invoices i SET disputed_amount = LEAST(i.balance, x.amount)
                FROM (SELECT invoice_id, sum(amount) AS amount FROM disputes WHERE tenant_id = t.id AND status = 'Open' GROUP BY invoice_id) x
                WHERE x.invoice_id = i.id AND i.tenant_id = t.id AND i.is_disputed AND i.balance > 0;
              END LOOP;
              PERFORM set_config('app.tenant_id', '', true);
            END $do$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "disputed_amount",
                table: "invoices",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "credit_note_id",
                table: "disputes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "disputes",
                type: "character varying(3)",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                table: "disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "opened_at",
                table: "disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "disputes",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "owner_user_id",
                table: "disputes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "disputes",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Normal");

            migrationBuilder.AddColumn<string>(
                name: "reason_code",
                table: "disputes",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "rebill_invoice_id",
                table: "disputes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution",
                table: "disputes",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "routed_by",
                table: "disputes",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_breached_at",
                table: "disputes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "team_id",
                table: "disputes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "write_off_id",
                table: "disputes",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dispute_comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dispute_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outbox_message_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispute_comments_disputes_dispute_id",
                        column: x => x.dispute_id,
                        principalTable: "disputes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dispute_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dispute_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    invoice_line_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispute_items_disputes_dispute_id",
                        column: x => x.dispute_id,
                        principalTable: "disputes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dispute_items_invoice_lines_invoice_line_id",
                        column: x => x.invoice_line_id,
                        principalTable: "invoice_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dispute_items_invoices_invoice_id",
                        column: x => x.invoice_id,
                        principalTable: "invoices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dispute_reason_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_reason_codes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dispute_sla_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    resolve_within_hours = table.Column<int>(type: "integer", nullable: false),
                    at_risk_percent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_sla_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dispute_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    member_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    assigned = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dispute_routing_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    reason_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    min_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    max_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    segment = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    key_accounts_only = table.Column<bool>(type: "boolean", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    priority = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispute_routing_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispute_routing_rules_dispute_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "dispute_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disputes_tenant_id_owner_user_id_due_at",
                table: "disputes",
                columns: new[] { "tenant_id", "owner_user_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_dispute_comments_dispute_id",
                table: "dispute_comments",
                column: "dispute_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispute_comments_tenant_id_dispute_id_at",
                table: "dispute_comments",
                columns: new[] { "tenant_id", "dispute_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_dispute_items_dispute_id",
                table: "dispute_items",
                column: "dispute_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispute_items_invoice_id",
                table: "dispute_items",
                column: "invoice_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispute_items_invoice_line_id",
                table: "dispute_items",
                column: "invoice_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispute_items_tenant_id_dispute_id",
                table: "dispute_items",
                columns: new[] { "tenant_id", "dispute_id" });

            migrationBuilder.CreateIndex(
                name: "ix_dispute_items_tenant_id_invoice_id",
                table: "dispute_items",
                columns: new[] { "tenant_id", "invoice_id" });

            migrationBuilder.CreateIndex(
                name: "ix_dispute_reason_codes_tenant_id_code",
                table: "dispute_reason_codes",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dispute_routing_rules_team_id",
                table: "dispute_routing_rules",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispute_routing_rules_tenant_id_order",
                table: "dispute_routing_rules",
                columns: new[] { "tenant_id", "order" });

            migrationBuilder.CreateIndex(
                name: "ix_dispute_sla_policies_tenant_id_reason_code_priority",
                table: "dispute_sla_policies",
                columns: new[] { "tenant_id", "reason_code", "priority" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_dispute_teams_tenant_id_name",
                table: "dispute_teams",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.Sql(MapExistingDisputes);
            migrationBuilder.Sql(LineTextsFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MapBackDisputes);
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS dispute_line_texts(uuid, uuid);");
            migrationBuilder.DropTable(
                name: "dispute_comments");

            migrationBuilder.DropTable(
                name: "dispute_items");

            migrationBuilder.DropTable(
                name: "dispute_reason_codes");

            migrationBuilder.DropTable(
                name: "dispute_routing_rules");

            migrationBuilder.DropTable(
                name: "dispute_sla_policies");

            migrationBuilder.DropTable(
                name: "dispute_teams");

            migrationBuilder.DropIndex(
                name: "ix_disputes_tenant_id_owner_user_id_due_at",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "disputed_amount",
                table: "invoices");

            migrationBuilder.DropColumn(
                name: "credit_note_id",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "opened_at",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "owner_user_id",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "reason_code",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "rebill_invoice_id",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "resolution",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "routed_by",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "sla_breached_at",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "disputes");

            migrationBuilder.DropColumn(
                name: "write_off_id",
                table: "disputes");
        }
    }
}
