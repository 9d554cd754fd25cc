using ArCollect.Domain.Payments;

namespace ArCollect.Web.Pages.Payments;

public static class PaymentMethods
{
    public static string Label(PaymentMethod method) => method switch
    {
        PaymentMethod.BankTransfer => "Bank transfer",
        PaymentMethod.DirectDebit => "Direct debit",
        _ => method.ToString(),
    };
}
