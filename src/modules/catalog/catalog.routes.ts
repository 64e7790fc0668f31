import { createRouter } from '../../lib/openapi';
import { hotelRoutes } from './hotels.routes';
import { ratePlanRoutes } from './rate-plans.routes';
import { roomTypeRoutes } from './room-types.routes';

/** Admin catalog API (hotels, room types, rate plans), mounted under /api/v1. */
export const catalogRoutes = createRouter()
  .route('/', hotelRoutes)
  .route('/', roomTypeRoutes)
  .route('/', ratePlanRoutes);
