"""GOV.UK-worded forms for case work; views pass their cleaned data to the services."""
