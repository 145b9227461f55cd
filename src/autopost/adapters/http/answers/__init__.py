"""What the API answers, as pydantic models: each answer's keys, their order and types, declared
once. The routes send ``model.model_dump(mode="json")``, and the OpenAPI document's response
schemas are generated from the same models."""
