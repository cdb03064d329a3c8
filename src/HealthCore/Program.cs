using HealthCore.Modules.Identity;
using HealthCore.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.Services.AddIdentityModule(builder.Configuration);

var app = builder.Build();
app.UsePlatform();

var api = app.MapApi();
api.MapIdentity();
api.MapHostedEndpoints();

await app.RunCommandOrServeAsync(args);

public partial class Program;
