// Start GOV.UK Frontend components (error summary focus, service navigation toggle, ...).
import { initAll } from "../build/govuk/govuk-frontend.min.js";

initAll();
