# Order Desk in one image: API + workers (npm start). Chromium is not included, so the
# whatsapp-web.js channel stays off here; the WhatsApp Cloud API, email and phone channels work.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
# .puppeteerrc.cjs stops puppeteer (pulled by whatsapp-web.js) from downloading a browser.
COPY package.json package-lock.json .puppeteerrc.cjs ./
# Dev dependencies are kept: `npm start` runs the TypeScript sources with tsx.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
EXPOSE 3000
CMD ["npm", "start"]
