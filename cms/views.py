from django.shortcuts import render


def terms(request):
    return render(request, "cms/terms.html")


def privacy(request):
    return render(request, "cms/privacy.html")
