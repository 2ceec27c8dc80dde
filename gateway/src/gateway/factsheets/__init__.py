"""Knowledge-management factsheets: one per region and per thematic area, HTML and PDF, from live figures read
through the services' HTTP APIs with the reader's token (`GET /factsheets/{subject}.html|.pdf`, `make factsheets`)."""
