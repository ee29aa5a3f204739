"""An indicator's page, under /indikatorer/ and the namespace "indicators" it always had.

It is followup's page (styra.followup.views.indicators): it reads the reports.
"""

from django.urls import path

from .views import indicators

app_name = "indicators"
urlpatterns = [
    path("<int:indicator_id>/", indicators.detail, name="detail"),
]
