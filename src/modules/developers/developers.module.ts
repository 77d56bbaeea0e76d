import { defineModule } from '../manifest.js';
import { developersRoutes } from './developers.routes.js';

export const developersModule = defineModule<object, object, object>({
  name: 'developers',
  summary: '`/api/openapi.json` and the human-readable `/api/docs`',
  tables: [],
  permissions: [],
  needs: [],
  services: () => ({}),
  pages: async (app) => {
    await app.register(developersRoutes);
  },
  menu: [{ position: 130, href: '/api/docs', labelKey: 'nav.api' }],
});
