// whatsapp-web.js pulls puppeteer; we use Debian's Chromium, never a downloaded one.
module.exports = { skipDownload: true };
