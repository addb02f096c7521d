"""Generated from proto/ by buf generate; do not edit."""
