FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm install --no-save tsx
COPY . .
ENV HOST=0.0.0.0
EXPOSE 3000
CMD ["npm", "start"]
