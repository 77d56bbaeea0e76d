import { defineModule } from '../manifest.js';
import { homeRoutes } from './home.routes.js';

export const homeModule = defineModule<object, object, object>({
  name: 'home',
  summary:
    'the home page (what Corridor does for each kind of user), the data sources page and the languages page (which translations a native speaker has checked)',
  tables: [],
  permissions: [],
  needs: [],
  services: () => ({}),
  pages: async (app) => {
    await app.register(homeRoutes);
  },
  menu: [
    { position: 0, href: '/', labelKey: 'nav.home' },
    { position: 120, href: '/about/data', labelKey: 'nav.data' },
  ],
});
