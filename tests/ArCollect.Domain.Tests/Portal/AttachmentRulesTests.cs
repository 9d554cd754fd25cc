using ArCollect.Domain.Portal;

namespace ArCollect.Domain.Tests.Portal;

public sealed class AttachmentRulesTests
{
    [Fact]
    public void The_type_comes_from_the_first_bytes_not_the_name()
    {
        Assert.Equal("application/pdf", AttachmentRules.Sniff("%PDF-1.7\n"u8));
        Assert.Equal("image/png", AttachmentRules.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal("image/jpeg", AttachmentRules.Sniff([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Null(AttachmentRules.Sniff("MZ\u0090\0"u8));
        Assert.Null(AttachmentRules.Sniff("<svg xmlns="u8));
        Assert.Null(AttachmentRules.Sniff([]));
    }

    [Fact]
    public void Stored_names_keep_only_the_last_path_part_and_safe_characters()
    {
        Assert.Equal("evil.pdf", AttachmentRules.SafeFileName("../../etc/evil.pdf"));
        Assert.Equal("a_b_.pdf", AttachmentRules.SafeFileName("a<b>.pdf"));
        Assert.Equal("attachment", AttachmentRules.SafeFileName(""));
    }
}
