from django.shortcuts import render


def support(request):
    """Crisis contacts on a page of their own: the footer's "Need help now?" and the
    "worried about yourself?" link beside every comment form lead here."""
    return render(request, "home/support.html")
