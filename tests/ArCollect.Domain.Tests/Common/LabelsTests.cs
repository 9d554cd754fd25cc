using ArCollect.Domain.Common;
using ArCollect.Domain.Invoices;
using ArCollect.Domain.Messaging;

namespace ArCollect.Domain.Tests.Common;

public sealed class LabelsTests
{
    [Theory]
    [InlineData(InvoiceStatus.PartiallyPaid, "Partially paid")]
    [InlineData(InvoiceStatus.WrittenOff, "Written off")]
    [InlineData(InvoiceStatus.Overdue, "Overdue")]
    public void Invoice_states_read_as_words(InvoiceStatus status, string expected) => Assert.Equal(expected, status.Words());

    [Fact]
    public void Outbox_states_read_as_words() => Assert.Equal("Dead letter", OutboxStatus.DeadLetter.Words());
}
