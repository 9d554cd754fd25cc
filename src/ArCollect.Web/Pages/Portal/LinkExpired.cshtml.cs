using System.Globalization;
using ArCollect.Domain.Common;
using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Dunning;
using ArCollect.Infrastructure.Email;
using ArCollect.Infrastructure.Portal;
using ArCollect.Infrastructure.Tenancy;
using ArCollect.Web.Hosting;
using ArCollect.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ArCollect.Web.Pages.Portal;

/// <summary>
/// What any unusable portal address shows (unknown, altered, expired or revoked: the same page for all). The visitor
/// may ask for a fresh link: when the address typed is a contact of a customer of the tenant the link named, that
/// contact gets a new link through the outbox, at most once an hour. The answer is the same whether or not it matched.
/// </summary>
public sealed class LinkExpiredModel(ArCollectDbContext db, TenantContext tenant, PortalLinks links, IOptions<DunningOptions> options, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public bool Sent { get; private set; }

    public PortalText T { get; private set; } = PortalText.For(null);

    public IActionResult OnGet()
    {
        T = FromBrowser();
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        T = FromBrowser();
        Email = Email?.Trim();
        if (string.IsNullOrEmpty(Email) || !InputRules.IsSingleEmail(Email))
        {
            ModelState.AddModelError(nameof(Email), "Enter one email address, like name@example.com.");
            PortalFieldErrors.TranslateAll(ModelState, T);
            return Page();
        }

        if (HttpContext.Items[PortalAccessMiddleware.PresentedTokenItem] is string token && PortalTokens.TryReadTenant(token, out var tenantId)
            && await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            tenant.Set(tenantId);
            await SendFreshLinksAsync(Email, ct);
        }

        Sent = true;
        return Page();
    }

    private async Task SendFreshLinksAsync(string email, CancellationToken ct)
    {
        var lower = email.ToLowerInvariant();
        var exact = email.Replace(LikePattern.EscapeCharacter, LikePattern.EscapeCharacter + LikePattern.EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", LikePattern.EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", LikePattern.EscapeCharacter + "_", StringComparison.Ordinal);
        var matches = await db.Contacts.AsNoTracking()
            .Where(c => EF.Functions.ILike(c.Email, exact, LikePattern.EscapeCharacter) && !c.Bounced)
            .Join(db.Customers.Where(c => !c.DoNotContact), c => c.CustomerId, c => c.Id, (contact, customer) => new { customer.Id, customer.Language, contact.Name, contact.Email })
            .Take(5).ToListAsync(ct);
        if (matches.Count == 0)
        {
            return;
        }

        var tenantRow = await db.Tenants.AsNoTracking().Where(t => t.Id == tenant.RequiredTenantId).Select(t => new { t.Name, t.DefaultLanguage }).FirstAsync(ct);
        var settings = await links.SettingsAsync(ct);
        var mail = await db.TenantMailSettings.AsNoTracking().Select(m => new { m.FromAddress }).FirstOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var match in matches)
        {
            var words = PortalText.For(match.Language, tenantRow.DefaultLanguage);
            var issued = await links.IssueAsync(match.Id, "Requested by the customer", null, ct);
            var message = new OutboxMessage
            {
                // One fresh link per customer and address an hour, however often the form is sent.
                IdempotencyKey = $"portal-link:{match.Id:N}:{lower}:{now.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}",
                Kind = MessageKind.Notification,
                CustomerId = match.Id,
                ToAddresses = new MailboxAddress(match.Name, match.Email).ToString(true),
                FromAddress = mail?.FromAddress,
                Subject = words.Format("LinkMailSubject", tenantRow.Name),
                TextBody = $"{words.Format("LinkMailBody", tenantRow.Name, settings.LinkLifetimeDays)}\n\n{issued.Url}\n\n{tenantRow.Name}",
                MessageId = MessageComposer.NewMessageId(options.Value.MessageIdDomain),
                NotBefore = now,
                CreatedAt = now,
            };
            if (!await OutboxWriter.EnqueueAsync(db, message, ct))
            {
                db.PortalLinks.Remove(issued.Link);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The first of the browser's languages the portal speaks; the page knows no customer to ask.</summary>
    private PortalText FromBrowser()
    {
        var accepted = Request.Headers.AcceptLanguage.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(';')[0].Split('-')[0].ToLowerInvariant());
        var code = accepted.FirstOrDefault(PortalText.All.ContainsKey);
        var text = PortalText.For(code);
        ViewData["PortalText"] = text;
        return text;
    }
}
