using ArCollect.Domain.Invoices;

namespace ArCollect.Domain.Tests.Invoices;

public sealed class ReverseChargeTests
{
    private static readonly VatParty GermanSeller = new("DE", "DE123456789");

    [Fact]
    public void Zero_rated_supply_to_a_business_in_another_member_state_is_reverse_charged() =>
        Assert.True(ReverseCharge.Applies(GermanSeller, new VatParty("FR", "FR40303265045"), taxTotal: 0m));

    [Fact]
    public void A_buyer_in_the_same_country_is_charged_domestic_vat() =>
        Assert.False(ReverseCharge.Applies(GermanSeller, new VatParty("de", "DE987654321"), taxTotal: 0m));

    [Fact]
    public void A_buyer_without_vat_id_is_a_consumer_not_reverse_charged() =>
        Assert.False(ReverseCharge.Applies(GermanSeller, new VatParty("FR", null), taxTotal: 0m));

    [Fact]
    public void A_seller_without_vat_id_cannot_reverse_charge() =>
        Assert.False(ReverseCharge.Applies(new VatParty("DE", " "), new VatParty("FR", "FR40303265045"), taxTotal: 0m));

    [Fact]
    public void A_buyer_outside_the_eu_is_an_export_not_reverse_charge() =>
        Assert.False(ReverseCharge.Applies(GermanSeller, new VatParty("CH", "CHE-123.456.789"), taxTotal: 0m));

    [Fact]
    public void An_invoice_charging_vat_is_not_reverse_charged() =>
        Assert.False(ReverseCharge.Applies(GermanSeller, new VatParty("FR", "FR40303265045"), taxTotal: 19m));
}
