using ArCollect.Web.Hosting;

return await AppHost.RunAsync(args);

/// <summary>Entry point, visible to tests that host the app.</summary>
public partial class Program;
