using HealthCore.Modules.Audit;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Scheduling;
using HealthCore.Platform;
using HealthCore.Platform.Commands;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.Services.AddIdentityModule(builder.Configuration);
builder.Services.AddAudit();
builder.Services.AddScheduling(builder.Configuration);

var app = builder.Build();
app.UsePlatform();

var api = app.MapApi();
api.MapIdentity();
api.MapAudit();
api.MapScheduling();
api.MapHostedEndpoints();

await app.RunCommandOrServeAsync(args);

public partial class Program;
