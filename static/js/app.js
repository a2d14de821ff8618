// Inoplan page bootstrap: one import per concern.
import { preselectTimezone } from "./timezone.js";
import { focusFirstError } from "./form_errors.js";
import "./pwa.js";
import "./sync.js";
import "./writes.js";
import "./today.js";
import "./select.js";
import "./plan_form.js";
import "./notifications.js";
import "./due.js";
import "./device_zone.js";
import "./sleep.js";
import "./help.js";
import "./media.js";

preselectTimezone();
focusFirstError();
