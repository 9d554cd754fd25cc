namespace ArCollect.Domain.Tenancy;

/// <summary>The three roles of a tenant's users.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Clerk = "Clerk";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, Clerk];

    public const string ManagersAndAdmins = Admin + "," + Manager;
}
