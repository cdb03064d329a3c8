using HealthCore.Modules.Admissions;
using HealthCore.Modules.Audit;
using HealthCore.Modules.Clinical;
using HealthCore.Modules.Identity;
using HealthCore.Modules.Laboratory;
using HealthCore.Modules.Notifications;
using HealthCore.Modules.Orders;
using HealthCore.Modules.Patients;
using HealthCore.Modules.Practitioners;
using HealthCore.Modules.Scheduling;
using HealthCore.Platform;
using HealthCore.Platform.Commands;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.Services.AddIdentityModule(builder.Configuration);
builder.Services.AddAudit(builder.Configuration);
builder.Services.AddPatients(builder.Configuration);
builder.Services.AddPractitioners();
builder.Services.AddAdmissions();
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddScheduling(builder.Configuration);
builder.Services.AddClinical();
builder.Services.AddLaboratory();
builder.Services.AddOrders();

var app = builder.Build();
app.UsePlatform();

var api = app.MapApi();
api.MapIdentity();
api.MapAudit();
api.MapPatients();
api.MapPractitioners();
api.MapAdmissions();
api.MapNotifications();
api.MapScheduling();
api.MapClinical();
api.MapLaboratory();
api.MapOrders();
api.MapHostedEndpoints();

await app.RunCommandOrServeAsync(args);

public partial class Program;
