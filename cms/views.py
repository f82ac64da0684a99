from django.conf import settings
from django.shortcuts import render


def terms(request):
    return render(request, "cms/terms.html")


def privacy(request):
    # The notice states the retention periods the code applies (accounts.privacy.retention).
    return render(
        request,
        "cms/privacy.html",
        {
            "retention": settings.RETENTION,
            "inactive_years": settings.RETENTION["inactive_account_days"] // 365,
        },
    )
