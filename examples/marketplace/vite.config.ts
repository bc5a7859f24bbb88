import react from '@vitejs/plugin-react';
import { defineConfig, defaultClientConditions } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@causette/source', ...defaultClientConditions] },
});
