"""The REST API and dashboard server: `storyline.api.app.create_app(db)` builds the FastAPI app
over a store; `storyline.api.server.make_server` runs it under uvicorn."""
