from django.urls import path

from consultation.views import public, report, staff

app_name = "consultation"

urlpatterns = [
    path("consulta/", public.overview, name="overview"),
    path("consulta/informe/", report.report, name="report"),
    path("consulta/informe.csv", report.report_csv, name="report-csv"),
    path("consulta/informe.pdf", report.report_pdf_download, name="report-pdf"),
    path("consulta/avisos/", public.notification_preferences, name="notification-preferences"),
    path("consulta/comentar/<int:number>/", public.comment_create, name="comment-create"),
    path("consulta/comentarios/<int:pk>/", public.comment_detail, name="comment-detail"),
    path("consulta/comentarios/<int:pk>/responder/", public.comment_reply, name="comment-reply"),
    path("consulta/comentarios/<int:pk>/editar/", public.comment_edit, name="comment-edit"),
    path(
        "consulta/comentarios/<int:pk>/retirar/", public.comment_withdraw, name="comment-withdraw"
    ),
    path("consulta/comentarios/<int:pk>/apoyar/", public.comment_support, name="comment-support"),
    path("consulta/comentarios/<int:pk>/reportar/", public.comment_flag, name="comment-flag"),
    path("consulta/moderacion/", staff.moderation_queue, name="moderation-queue"),
    path("consulta/moderacion/<int:pk>/ocultar/", staff.comment_hide, name="comment-hide"),
    path("consulta/moderacion/<int:pk>/mantener/", staff.flags_dismiss, name="flags-dismiss"),
    path("consulta/moderacion/<int:pk>/restaurar/", staff.comment_restore, name="comment-restore"),
    path("consulta/atencion/", staff.triage, name="triage"),
    path("consulta/atencion/<int:pk>/", staff.answer_edit, name="answer-edit"),
    path("consulta/atencion/<int:pk>/leido/", staff.comment_mark_read, name="comment-mark-read"),
]
