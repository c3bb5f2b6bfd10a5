import { createApp } from 'vue';
import { OmniElements } from 'omni-widget/vue';
import App from './App.vue';

// OmniElements defines the omni-* tags before the app mounts (and brings their template types).
createApp(App).use(OmniElements).mount('#app');
