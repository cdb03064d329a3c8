using HealthCore.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();

var app = builder.Build();
app.UsePlatform();

var api = app.MapApi();
api.MapHostedEndpoints();

await app.RunCommandOrServeAsync(args);

public partial class Program;
