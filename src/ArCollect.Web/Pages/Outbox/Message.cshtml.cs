using ArCollect.Domain.Messaging;
using ArCollect.Infrastructure.Data;
using ArCollect.Infrastructure.Email;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ArCollect.Web.Pages.Outbox;

/// <summary>One outgoing message as the customer receives it, plus its delivery record and the pickup-folder copy if any.</summary>
public sealed class MessageModel(ArCollectDbContext db, PickupDirectoryTransport pickup) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;

    public string? CustomerName { get; private set; }

    public string? PickupFile { get; private set; }

    public string? RawEml { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        // The tenant filter makes another tenant's message id a plain 404.
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return NotFound();
        }

        Message = message;
        CustomerName = message.CustomerId is { } customerId
            ? await db.Customers.Where(c => c.Id == customerId).Select(c => c.Name).SingleOrDefaultAsync(ct)
            : null;
        var path = pickup.PathFor(message.MessageId);
        if (System.IO.File.Exists(path))
        {
            PickupFile = path;
            RawEml = await System.IO.File.ReadAllTextAsync(path, ct);
        }

        return Page();
    }
}
